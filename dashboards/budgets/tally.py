"""A budget trajectory's results kept as counts, updated ballot by ballot.

`results.budget_results` defines every figure from the rows themselves; at a million
budgets, reading and sorting the rows for each filter is far too slow. A
`BudgetTally` holds each ballot once, as small integer codes (which of the line's
amounts, which spending total), and keeps up to date as ballots arrive or are
replaced:

- per cell (district, age band, day of last change, synthetic or not): how many
  ballots there are, how many chose each amount of each line, and the additive
  statistics of changes from plan (`aggregate.PairSums`) for trade-offs;
- over all ballots: how many chose each (amount, spending total) pair per spending
  line, which is what participants' shares and the moving-phantom budgets need.

A filter is a set of cells. Line statistics, distributions, weighting, trade-offs
and the suppression checks then cost a sum over cells, whatever the number of
ballots. Only the share counts of a filtered group need the ballots: the smaller of
the group and the rest is scanned (vectorised, no sort).

Every figure follows the definitions of `budget_results` (the same order statistics
and moving-phantom medians) and agrees with it up to the order of floating-point
additions; the test suite checks this on random trajectories.

Pure: no Dash, no SQL. `dashboards.kernel.service` feeds stored ballots in and keeps one
tally per trajectory and process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

import numpy as np

from budgetschuiver.budgets.model import BudgetProject
from dashboards.budgets.results import (
    aggregate_budgets,
    aggregate_spending_total,
    budget_object,
    line_entry,
)
from dashboards.kernel.filters import Filters, local_date
from dashboards.kernel.results import group
from dashboards.stats import aggregate, protection

Cell = tuple[str, str]

# Snapshot layout version: a tally saved by other code is rebuilt, never misread.
# 2: days are Europe/Amsterdam dates (1 counted UTC days).
FORMAT = 2

# Joint counts are also kept per day for this many of the latest days, so a
# filter on a recent period sums them instead of scanning its ballots. Bounded:
# a year-long trajectory must not cost a year of counts per worker.
RECENT_DAYS = 32

# Ballots per slice where whole-table temporaries would cost memory.
CHUNK = 65_536

# Cell keys pack (district x age code, day ordinal, synthetic) into one integer.
DAYS = 10_000_000


class BudgetTally:
    """Counts for one budget trajectory (see the module docstring)."""

    def __init__(
        self,
        project: BudgetProject,
        districts: Sequence[str],
        age_bands: Sequence[str],
    ) -> None:
        self.project = project
        self.lines = list(project.lines)
        self.m = len(self.lines)
        self.line_ids = [line.id for line in self.lines]
        self.plan = np.array([line.plan for line in self.lines], dtype=float)
        self.step = np.array([line.step or 1 for line in self.lines], dtype=float)
        self.spending = np.flatnonzero([line.kind == "spending" for line in self.lines])
        # Locked spending lines stay at their plan in every ballot: the moving-
        # phantom budgets divide only the rest (see `results.aggregate_budgets`).
        self.locked_spending = float(project.locked_spending)
        # Code 0 is "not given". Values outside the lists cannot pass validation;
        # should one be stored anyway it counts as not given, which is also how
        # weighting treats it.
        self._district_code = {d: k + 1 for k, d in enumerate(districts)}
        self._age_code = {a: k + 1 for k, a in enumerate(age_bands)}
        self._districts: list[str | None] = [None, *districts]
        self._ages: list[str | None] = [None, *age_bands]
        self._amount_code: list[dict[float, int]] = [{} for _ in self.lines]
        self._amounts: list[list[float]] = [[] for _ in self.lines]
        self._total_code: dict[float, int] = {}
        self._totals: list[float] = []
        self._v_cap = np.array(
            [int(round((ln.top - ln.min) / (ln.step or 1))) + 9 for ln in self.lines],
            dtype=np.int64,
        )
        self._t_cap = 64
        # Ballots, in arrival order (a replaced ballot keeps its place).
        self.n = 0
        self.ids = np.zeros(0, dtype=np.int64)
        self.amount = np.zeros((0, self.m), dtype=np.int16)
        # Per ballot and spending line, its (total, amount) code: kept ready
        # because filtered share counts scan exactly these.
        self.jcode = np.zeros((0, self.spending.size), dtype=np.int32)
        self.total = np.zeros(0, dtype=np.int32)
        self.cell = np.zeros(0, dtype=np.int64)
        self._position = np.full(0, -1, dtype=np.int64)
        # Cells.
        self._cells: dict[int, int] = {}
        self.n_cells = 0
        self.cell_da = np.zeros(0, dtype=np.int64)
        self.cell_day = np.zeros(0, dtype=np.int64)
        self.cell_synthetic = np.zeros(0, dtype=bool)
        self.cell_count = np.zeros(0)
        self._pairs = _PairCells(self.m)
        self._layout()
        self.by_cell = np.zeros((0, self.n_amounts))
        self.by_da = np.zeros((self._da_size, self.n_amounts))
        self.joint = np.zeros(self.n_joint)
        # The same for the ballots that give both district and age band: the
        # ones weighting keeps, so weighted results need no scan either.
        self.joint_known = np.zeros(self.n_joint)
        # Slot day % RECENT_DAYS holds the counts of that day while it is among
        # the latest; -1 where no day is held.
        self.recent = np.zeros((RECENT_DAYS, self.n_joint), dtype=np.int32)
        self.recent_days = np.full(RECENT_DAYS, -1, dtype=np.int64)
        # Per spending line: the table sizes it was made for, where each (total,
        # amount) pair falls among the line's distinct shares, and those shares.
        self._share_tables: dict[int, tuple[tuple[int, int], np.ndarray, np.ndarray]]
        self._share_tables = {}
        # The newest change taken in, so the store can be asked only for later ones.
        self.watermark: dt.datetime | None = None
        # Changes of the counts taken in by this object, and the suppression
        # pattern made for the counts after the last of them (made once per
        # change of the data, not per answer).
        self.changes = 0
        self._protected: dict[
            bool, tuple[tuple, protection.Calendar, protection.Pattern]
        ] = {}

    # -- code spaces --------------------------------------------------------------

    def _layout(self) -> None:
        """Offsets of each line in the amount code space (all lines) and in the
        joint (spending total, amount) code space (spending lines)."""
        self._a_base = np.concatenate([[0], np.cumsum(self._v_cap)[:-1]])
        self.n_amounts = int(self._v_cap.sum())
        widths = self._v_cap[self.spending] * self._t_cap
        self._j_base = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.int64)
        self.n_joint = int(widths.sum())

    @property
    def _da_size(self) -> int:
        return len(self._districts) * len(self._ages)

    def _joint_codes(self, rows: np.ndarray | slice) -> np.ndarray:
        return self.jcode[rows]

    def _encode_joint(self, amount: np.ndarray, total: np.ndarray) -> np.ndarray:
        caps = self._v_cap[self.spending].astype(np.int32)
        base = self._j_base.astype(np.int32)
        found = np.empty((amount.shape[0], self.spending.size), dtype=np.int32)
        # In slices: a million ballots at once would need several temporary
        # copies of the whole table, the biggest memory peak of loading.
        for start in range(0, amount.shape[0], CHUNK):
            part = slice(start, start + CHUNK)
            found[part] = (
                base
                + total[part, None].astype(np.int32) * caps
                + amount[part][:, self.spending]
            )
        return found

    def _grow(self) -> bool:
        """Widen the code spaces when new distinct amounts or totals outgrow them;
        True when the counts must then be rebuilt (rare after the first ballots)."""
        found = np.array([len(a) for a in self._amounts], dtype=np.int64)
        grow = found > self._v_cap
        if not grow.any() and len(self._totals) <= self._t_cap:
            return False
        self._v_cap = np.where(grow, found * 2, self._v_cap)
        while self._t_cap < len(self._totals):
            self._t_cap *= 2
        if self._v_cap.max() > np.iinfo(self.amount.dtype).max:
            self.amount = self.amount.astype(np.int32)
        self._layout()
        n = self.n
        self.jcode[:n] = self._encode_joint(self.amount[:n], self.total[:n])
        return True

    def _recount(self) -> None:
        """Every count from the ballots themselves (after loading or re-layout)."""
        n = self.n
        self.cell_count = np.bincount(self.cell[:n], minlength=self.n_cells).astype(
            float
        )
        flat = self.cell[:n, None] * self.n_amounts + self._a_base + self.amount[:n]
        self.by_cell = (
            np.bincount(flat.ravel(), minlength=self.n_cells * self.n_amounts)
            .reshape(self.n_cells, self.n_amounts)
            .astype(float)
        )
        self.by_da = np.zeros((self._da_size, self.n_amounts))
        np.add.at(self.by_da, self.cell_da, self.by_cell)
        self.joint = np.bincount(
            self._joint_codes(slice(0, n)).ravel(), minlength=self.n_joint
        ).astype(float)
        known = np.flatnonzero(self._known_cells()[self.cell[:n]])
        self.joint_known = np.bincount(
            self._joint_codes(known).ravel(), minlength=self.n_joint
        ).astype(float)
        self.recent = np.zeros((RECENT_DAYS, self.n_joint), dtype=np.int32)
        days = np.unique(self.cell_day[np.unique(self.cell[:n])])
        self._hold_days(days)
        self._count_recent(np.arange(n), +1)
        self._pairs = _PairCells(self.m, self.n_cells)
        self._pairs.add(self.cell[:n], self._changes(slice(0, n)), +1)

    def _hold_days(self, days: np.ndarray) -> None:
        """Give newer days their slot (dropping the day RECENT_DAYS before)."""
        for day in np.sort(days).tolist():
            slot = day % RECENT_DAYS
            if day > self.recent_days[slot]:
                self.recent[slot] = 0
                self.recent_days[slot] = day

    def _count_recent(self, rows: np.ndarray, sign: int) -> None:
        days = self.cell_day[self.cell[rows]]
        slots = days % RECENT_DAYS
        held = self.recent_days[slots] == days
        codes = self._joint_codes(rows[held])
        flat = slots[held][:, None] * self.n_joint + codes
        _add(self.recent.reshape(-1), flat, sign)

    # -- taking ballots in --------------------------------------------------------

    @staticmethod
    def _code_values(
        values: np.ndarray, table: dict[float, int], found: list[float]
    ) -> np.ndarray:
        distinct, inverse = np.unique(values, return_inverse=True)
        mapped = np.empty(distinct.size, dtype=np.int64)
        for k, value in enumerate(distinct.tolist()):
            code = table.get(value)
            if code is None:
                code = table[value] = len(found)
                found.append(value)
            mapped[k] = code
        return mapped[inverse.reshape(-1)]

    def _cell_codes(
        self,
        districts: Sequence[str | None],
        ages: Sequence[str | None],
        days: np.ndarray,
        synthetic: np.ndarray,
    ) -> np.ndarray:
        width = len(self._ages)
        da = np.fromiter(
            (
                self._district_code.get(d, 0) * width + self._age_code.get(a, 0)
                for d, a in zip(districts, ages, strict=True)
            ),
            dtype=np.int64,
            count=len(days),
        )
        keys = (da * DAYS + days) * 2 + synthetic.astype(np.int64)
        distinct, inverse = np.unique(keys, return_inverse=True)
        mapped = np.empty(distinct.size, dtype=np.int64)
        fresh = []
        for k, key in enumerate(distinct.tolist()):
            cell = self._cells.get(key)
            if cell is None:
                cell = self._cells[key] = self.n_cells + len(fresh)
                fresh.append(key)
            mapped[k] = cell
        if fresh:
            keys_new = np.array(fresh, dtype=np.int64)
            self.cell_da = np.concatenate([self.cell_da, keys_new // 2 // DAYS])
            self.cell_day = np.concatenate([self.cell_day, keys_new // 2 % DAYS])
            self.cell_synthetic = np.concatenate(
                [self.cell_synthetic, (keys_new % 2).astype(bool)]
            )
            self.n_cells += len(fresh)
            self.cell_count = np.concatenate([self.cell_count, np.zeros(len(fresh))])
            self.by_cell = np.concatenate(
                [self.by_cell, np.zeros((len(fresh), self.n_amounts))]
            )
            self._pairs.grow(self.n_cells)
        return mapped[inverse.reshape(-1)]

    def apply(
        self,
        ids: Sequence[int] | np.ndarray,
        allocations: Sequence[Mapping[str, float]],
        districts: Sequence[str | None],
        age_bands: Sequence[str | None],
        updated_at: Sequence[dt.datetime],
        synthetic: Sequence[bool] | np.ndarray,
    ) -> None:
        """Take in ballots as stored: new ones are added, a ballot already counted
        (same row id) is replaced. Applying the same ballot again changes nothing."""
        k = len(ids)
        if k == 0:
            return
        raw_ids = np.asarray(ids, dtype=np.int64)
        # The last version of each row in the batch wins.
        ids_unique, last = np.unique(raw_ids[::-1], return_index=True)
        order = (k - 1 - last).tolist()
        amounts = np.array(
            [[allocations[i][line] for line in self.line_ids] for i in order],
            dtype=float,
        ).reshape(len(order), self.m)
        days = np.fromiter(
            (local_date(updated_at[i]).toordinal() for i in order),
            np.int64,
            len(order),
        )
        flags = np.asarray(synthetic, dtype=bool)[order]
        cells = self._cell_codes(
            [districts[i] for i in order], [age_bands[i] for i in order], days, flags
        )
        amount = np.column_stack(
            [
                self._code_values(amounts[:, j], self._amount_code[j], self._amounts[j])
                for j in range(self.m)
            ]
        ).reshape(len(order), self.m)
        # Exact for euro amounts: sums of whole numbers below 2**53 do not round,
        # so each total equals `aggregate.participant_shares`'s in any order.
        totals = amounts[:, self.spending].sum(axis=1)
        total = self._code_values(totals, self._total_code, self._totals)
        relayout = self._grow()
        positions = self._place(ids_unique)
        replaced = positions < self.n
        # Ballots read again unchanged (the store's overlap window) leave the
        # counts, and so the suppression pattern, as they were.
        old = positions[replaced]
        if (
            (~replaced).any()
            or relayout
            or (self.cell[old] != cells[replaced]).any()
            or (self.amount[old] != amount[replaced]).any()
        ):
            self.changes += 1
        if not relayout and replaced.any():
            self._count(positions[replaced], -1)
        self._store_rows(positions, ids_unique, amount, total, cells)
        if relayout:
            self._recount()
        else:
            self._count(positions, +1)
        newest = max(updated_at)
        if self.watermark is None or newest > self.watermark:
            self.watermark = newest

    def _place(self, ids: np.ndarray) -> np.ndarray:
        """Row positions for these ids: existing ones, then new ones at the end."""
        if ids.max() >= self._position.size:
            grown = np.full(max(int(ids.max()) + 1, 2 * self._position.size), -1)
            grown[: self._position.size] = self._position
            self._position = grown
        positions = self._position[ids].copy()
        new = positions < 0
        positions[new] = self.n + np.arange(int(new.sum()))
        return positions

    def _store_rows(self, positions, ids, amount, total, cells) -> None:
        end = int(positions.max()) + 1 if positions.size else self.n
        if end > self.ids.size:
            size = max(end, int(self.ids.size * 1.5) + 1024)
            self.ids = _resized(self.ids, (size,))
            self.amount = _resized(self.amount, (size, self.m))
            self.jcode = _resized(self.jcode, (size, self.spending.size))
            self.total = _resized(self.total, (size,))
            self.cell = _resized(self.cell, (size,))
        self.ids[positions] = ids
        self.amount[positions] = amount
        self.jcode[positions] = self._encode_joint(amount, total)
        self.total[positions] = total
        self.cell[positions] = cells
        self._position[ids] = positions
        self.n = max(self.n, end)

    def _count(self, rows: np.ndarray, sign: int) -> None:
        cells = self.cell[rows]
        amounts = self._a_base + self.amount[rows]
        _add(self.cell_count, cells, sign)
        _add(self.by_cell.reshape(-1), cells[:, None] * self.n_amounts + amounts, sign)
        da = self.cell_da[cells]
        _add(self.by_da.reshape(-1), da[:, None] * self.n_amounts + amounts, sign)
        codes = self._joint_codes(rows)
        _add(self.joint, codes, sign)
        _add(self.joint_known, codes[self._known_cells()[cells]], sign)
        if sign > 0:
            self._hold_days(np.unique(self.cell_day[cells]))
        self._count_recent(rows, sign)
        self._pairs.add(cells, self._changes(rows), sign)

    def _known_cells(self) -> np.ndarray:
        width = len(self._ages)
        return (self.cell_da // width > 0) & (self.cell_da % width > 0)

    def _changes(self, rows: np.ndarray | slice) -> np.ndarray:
        """Changes from plan in steps of each line: whole numbers on the grid, so
        the sums stay exact however often ballots are added and taken away."""
        codes = self.amount[rows]
        values = np.column_stack(
            [
                np.asarray(self._amounts[j], dtype=float)[codes[:, j]]
                for j in range(self.m)
            ]
        ).reshape(codes.shape[0], self.m)
        return aggregate.plan_changes(values, self.plan) / self.step

    # -- reading ------------------------------------------------------------------

    def _cells_in(self, filters: Filters) -> np.ndarray:
        keep = self._in_period(filters)
        width = len(self._ages)
        if filters.district is not None:
            code = self._district_code.get(filters.district, -1)
            keep &= self.cell_da // width == code
        if filters.age_band is not None:
            code = self._age_code.get(filters.age_band, -1)
            keep &= self.cell_da % width == code
        return keep

    def _in_period(self, filters: Filters) -> np.ndarray:
        keep = np.ones(self.n_cells, dtype=bool)
        if not filters.synthetic:
            keep &= ~self.cell_synthetic
        if filters.since is not None:
            keep &= self.cell_day >= filters.since.toordinal()
        if filters.until is not None:
            keep &= self.cell_day <= filters.until.toordinal()
        return keep

    def synthetic_excluded(self, filters: Filters) -> int:
        """How many synthetic ballots the filter leaves out (0 when it includes
        them): the number every view states beside its n."""
        if filters.synthetic:
            return 0
        everything = dataclasses.replace(filters, synthetic=True)
        return int(
            self.cell_count[self._cells_in(everything) & self.cell_synthetic].sum()
        )

    def cells(
        self, filters: Filters
    ) -> list[tuple[str | None, str | None, dt.date, bool, int]]:
        """(district, age band, day, synthetic, ballots) for every non-empty cell in
        the filter: what the overview draws its per-day and make-up figures from."""
        keep = self._cells_in(filters) & (self.cell_count > 0)
        width = len(self._ages)
        return [
            (
                self._districts[da // width],
                self._ages[da % width],
                dt.date.fromordinal(day),
                synthetic,
                int(count),
            )
            for da, day, synthetic, count in zip(
                self.cell_da[keep].tolist(),
                self.cell_day[keep].tolist(),
                self.cell_synthetic[keep].tolist(),
                self.cell_count[keep].tolist(),
                strict=True,
            )
        ]

    def ballots(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every ballot as counted: amounts (n x lines, euros, float32, in the
        project's line order) and district and age band (object arrays, None where
        not given). A copy, safe to use after the tally changes."""
        n = self.n
        amounts = np.empty((n, self.m), dtype=np.float32)
        for j in range(self.m):
            values = np.asarray(self._amounts[j] or [0.0], dtype=np.float32)
            amounts[:, j] = values[self.amount[:n, j]]
        da = self.cell_da[self.cell[:n]]
        width = len(self._ages)
        districts = np.asarray(self._districts, dtype=object)[da // width]
        ages = np.asarray(self._ages, dtype=object)[da % width]
        return amounts, districts, ages

    def line_counts(self, filters: Filters) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per line id: its distinct amounts (euros, increasing) and how many
        ballots in the filter's cells chose each, unweighted (for "where your
        choice stands" on the public results page, issue 16)."""
        counts = self._cells_in(filters).astype(float) @ self.by_cell
        return {line.id: self._line(counts, j) for j, line in enumerate(self.lines)}

    def _joint_in(self, keep: np.ndarray) -> np.ndarray:
        """Joint (total, amount) counts of the ballots in the kept cells, scanning
        the smaller of the group and the rest."""
        everyone = float(self.cell_count.sum())
        inside = float(self.cell_count[keep].sum())
        if inside == everyone:
            return self.joint
        filled = self.cell_count > 0
        if np.array_equal(keep & filled, self._known_cells() & filled):
            return self.joint_known
        days = np.unique(self.cell_day[keep & filled])
        slots = days % RECENT_DAYS
        if days.size and np.array_equal(self.recent_days[slots], days):
            # Recent days only: their counts, less the ballots of those days that
            # are not in the group (if there are fewer of those than in it).
            rest = np.isin(self.cell_day, days) & filled & ~keep
            if float(self.cell_count[rest].sum()) < min(inside, everyone - inside):
                summed = self.recent[slots].sum(axis=0, dtype=np.int64).astype(float)
                return summed - self._scan(rest) if rest.any() else summed
        if inside <= everyone / 2:
            return self._scan(keep)
        return self.joint - self._scan(~keep)

    def _scan(self, chosen: np.ndarray) -> np.ndarray:
        """Joint counts of the ballots in the chosen cells, from the ballots."""
        rows = np.flatnonzero(chosen[self.cell[: self.n]])
        return np.bincount(
            self._joint_codes(rows).ravel(), minlength=self.n_joint
        ).astype(float)

    def _line(self, counts: np.ndarray, j: int) -> tuple[np.ndarray, np.ndarray]:
        """Line j's distinct amounts (increasing) and the counts that go with them."""
        found = len(self._amounts[j])
        values = np.asarray(self._amounts[j], dtype=float)
        order = np.argsort(values, kind="stable")
        start = self._a_base[j]
        return values[order], counts[start : start + found][order]

    def _share_table(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        """For spending line j: the distinct shares (increasing) any ballot could
        have with the amounts and totals seen so far, and for each (total, amount)
        pair the index of its share (the last index for a total of 0, which has
        no split). Made again only when a new amount or total appears."""
        sizes = (len(self._totals), len(self._amounts[j]))
        cached = self._share_tables.get(j)
        if cached is not None and cached[0] == sizes:
            return cached[1], cached[2]
        totals = np.asarray(self._totals, dtype=float) - self.locked_spending
        amounts = np.asarray(self._amounts[j], dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = amounts[None, :] / totals[:, None]
        valid = np.broadcast_to(totals[:, None] > 0, shares.shape).ravel()
        distinct, inverse = np.unique(shares.ravel()[valid], return_inverse=True)
        index = np.full(valid.size, distinct.size, dtype=np.int64)
        index[valid] = inverse.reshape(-1)
        self._share_tables[j] = (sizes, distinct, index)
        return distinct, index

    def _shares(
        self, joint: np.ndarray
    ) -> tuple[aggregate.ShareCounts | None, np.ndarray, np.ndarray]:
        """Participants' shares per movable spending line (of what they spend on
        the movable lines), counted; and the distinct spending totals
        (increasing) with how many ballots have each."""
        totals = np.asarray(self._totals, dtype=float)
        order = np.argsort(totals)
        per_total = np.zeros(totals.size)
        values, ends = [], []
        for index, j in enumerate(self.spending):
            cap = int(self._v_cap[j])
            start = self._j_base[index]
            grid = joint[start : start + cap * self._t_cap].reshape(self._t_cap, cap)
            grid = grid[: totals.size, : len(self._amounts[j])]
            if index == 0:
                per_total = grid.sum(axis=1)
            if self.lines[j].locked:
                continue
            distinct, where = self._share_table(j)
            counted = np.bincount(
                where, weights=grid.ravel(), minlength=distinct.size + 1
            )
            values.append(distinct)
            ends.append(np.cumsum(counted[: distinct.size]).astype(np.int64))
        ordered = (totals[order], per_total[order])
        n = int(ends[0][-1]) if values and values[0].size else 0
        if n == 0:
            return None, *ordered
        sizes = [v.size for v in values]
        reports = aggregate.ShareCounts(
            np.concatenate(values),
            np.concatenate(ends),
            np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64),
            n,
        )
        return reports, *ordered

    # -- protection ---------------------------------------------------------------

    def table(
        self, unit: str, synthetic: bool = False
    ) -> tuple[protection.Calendar, np.ndarray, np.ndarray]:
        """The one table every answer is a sum of: participants per (district, age
        band, period), index 0 of the first two axes meaning "not given"; and per
        cell and line that is not locked, whether the line's sum there is above 0
        (so a perturbation may lower it, and sums are protected like counts).
        Periods as `protection.Calendar` with this unit."""
        # Synthetic ballots are in the table only when a reader asks for them, so
        # the table protects exactly the people the answers count.
        in_scope = self.cell_count > 0
        if not synthetic:
            in_scope &= ~self.cell_synthetic
        filled = np.flatnonzero(in_scope)
        calendar = protection.Calendar.of(self.cell_day[filled], unit)
        width = len(self._ages)
        shape = (len(self._districts), width, calendar.periods)
        counts = np.zeros(shape)
        sums = np.zeros((*shape, self.m))
        if calendar.periods:
            da = self.cell_da[filled]
            where = (da // width, da % width, calendar.index(self.cell_day[filled]))
            np.add.at(counts, where, self.cell_count[filled])
            per_line = np.column_stack(
                [
                    self.by_cell[filled, start : start + len(values)]
                    @ np.asarray(values, dtype=float)
                    for start, values in zip(self._a_base, self._amounts, strict=True)
                ]
            ).reshape(filled.size, self.m)
            np.add.at(sums, where, per_line)
        varying = np.array([not line.locked for line in self.lines], dtype=bool)
        return calendar, counts, sums[..., varying] > 0

    def protected(
        self, unit: str, min_size: int, synthetic: bool = False
    ) -> tuple[protection.Calendar, protection.Pattern]:
        """The table's calendar and suppression pattern (with or without the
        synthetic ballots), made again only after the counts changed."""
        key = (self.changes, self.n, unit, min_size)
        kept = self._protected.get(synthetic)
        if kept is None or kept[0] != key:
            calendar, counts, lowerable = self.table(unit, synthetic)
            pattern = protection.protect(counts, lowerable, min_size)
            kept = self._protected[synthetic] = (key, calendar, pattern)
        return kept[1], kept[2]

    def answer(
        self,
        filters: Filters,
        population: Mapping[Cell, float],
        min_size: int,
        unit: str = protection.WEEK,
    ) -> dict[str, Any]:
        """The results-API object for a filter, from whole cells of the protected
        table: `{"suppressed": true}` when the suppression pattern hides the
        group, else `results` for the dates snapped to whole periods, with
        `"period": {"since", "until", "unit"}` (the days actually used)."""
        calendar, pattern = self.protected(unit, min_size, filters.synthetic)
        chosen, period = protection.decide(
            calendar,
            pattern,
            self._district_code.get(filters.district) if filters.district else None,
            self._age_code.get(filters.age_band) if filters.age_band else None,
            filters.since,
            filters.until,
            filters.weighted,
        )
        if chosen is None:
            return {"suppressed": True}
        first, last = chosen
        whole = first == 0 and last == calendar.periods - 1
        since, until = (None, None) if whole else calendar.span(first, last)
        snapped = dataclasses.replace(filters, since=since, until=until)
        found = self.results(snapped, population, min_size)
        return found if found["suppressed"] else {**found, "period": period}

    def results(
        self,
        filters: Filters,
        population: Mapping[Cell, float],
        min_size: int,
    ) -> dict[str, Any]:
        """The results-API object, as `results.budget_results` defines it."""
        keep = self._cells_in(filters)
        n = int(self.cell_count[keep].sum())
        total_rows = (
            int(self.cell_count[self._in_period(filters)].sum())
            if filters.narrowed
            else n
        )
        synthetic = int(self.cell_count[keep & self.cell_synthetic].sum())
        left_out = self.synthetic_excluded(filters)
        members = group(n, total_rows, filters.narrowed, min_size, synthetic, left_out)
        if members.suppressed:
            return {"suppressed": True}
        # The (district, age) rows count synthetic ballots too: without them, sum
        # the cells.
        dated = filters.since is not None or filters.until is not None or left_out > 0
        in_da = np.zeros(self._da_size)
        in_da[self.cell_da[keep]] = 1.0

        def summed(per_da: np.ndarray) -> np.ndarray:
            # Without a period, the (district, age) rows hold the same counts as
            # the cells of every day, in a few dozen rows instead of thousands.
            if dated:
                return np.where(keep, per_da[self.cell_da], 0.0) @ self.by_cell
            return per_da @ self.by_da

        raw = summed(in_da)
        raw_lines = [self._line(raw, j) for j in range(self.m)]
        weights = info = None
        counts = raw
        if filters.weighted:
            weights, info = self._weights(keep, population)
            if info["n_weighted"] < min_size:
                return {"suppressed": True}
            weights *= in_da
            keep = keep & (weights[self.cell_da] > 0)
            counts = summed((weights > 0).astype(float))
            weight_sums = summed(weights)
            weight_squares = summed(weights**2)
        lines: dict[str, Any] = {}
        means: dict[str, float] = {}
        for j, line in enumerate(self.lines):
            values, times = self._line(counts, j)
            if weights is None:
                stats = aggregate.line_stats_from_counts(values, times, line.plan)
            else:
                stats = aggregate.line_stats_from_weighted_counts(
                    values,
                    times,
                    self._line(weight_sums, j)[1],
                    self._line(weight_squares, j)[1],
                    line.plan,
                )
            means[line.id] = stats.mean
            lines[line.id] = line_entry(stats, line)
        shares, _totals, _per_total = self._shares(self._joint_in(keep))
        aggregate_total, total_parts = aggregate_spending_total(self.project, means)
        aggregates: dict[str, dict[str, float]] = {"mean": means}
        if shares is not None:
            for name in ("independent_markets", "welfare"):
                aggregates[name] = aggregate_budgets(
                    self.project,
                    aggregate.moving_phantom_counts(shares, name),
                    aggregate_total,
                )
        distributions = {
            line.id: [
                {"from": low, "to": high, "count": count}
                for low, high, count in aggregate.binned_counts(
                    values, line.min, line.top, line.step, times=times
                )
            ]
            for line, (values, times) in zip(self.lines, raw_lines, strict=True)
        }
        raw_means = {
            line.id: float(np.dot(values, times) / times.sum())
            for line, (values, times) in zip(self.lines, raw_lines, strict=True)
        }
        return budget_object(
            members,
            filters,
            lines,
            aggregates,
            aggregate_total,
            aggregate.trade_offs_from_sums(
                self._pairs.total(keep), self.line_ids, min_n=min_size
            ),
            distributions,
            raw_means,
            info,
            total_parts,
        )

    def _weights(
        self, keep: np.ndarray, population: Mapping[Cell, float]
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Post-stratification weight per (district, age band) of the ballots in
        the kept cells (0 where either is not given), and what it rests on."""
        width = len(self._ages)
        per_da = np.bincount(
            self.cell_da[keep],
            weights=self.cell_count[keep],
            minlength=len(self._districts) * width,
        )
        sample: dict[Cell, int] = {}
        for da in np.flatnonzero(per_da).tolist():
            cell = (self._districts[da // width], self._ages[da % width])
            if None not in cell and population.get(cell, 0) > 0:
                sample[cell] = int(per_da[da])
        factor = np.zeros(per_da.size)
        for (district, age), value in aggregate.poststrat_factors(
            sample, population
        ).items():
            factor[self._district_code[district] * width + self._age_code[age]] = value
        n_weighted = sum(sample.values())
        if n_weighted:
            # Mean 1 over the weighted ballots, as `aggregate.poststrat_weights`.
            factor *= n_weighted / float(np.dot(per_da, factor))
        weight_sum = float(np.dot(per_da, factor))
        weight_squares = float(np.dot(per_da, factor**2))
        return factor, {
            "n_weighted": n_weighted,
            "n_excluded": int(per_da.sum()) - n_weighted,
            "effective_n": weight_sum**2 / weight_squares if weight_squares else 0.0,
        }

    # -- saving and loading -------------------------------------------------------

    def _load_counts(self, saved: Any) -> None:
        cells, m = self.n_cells, self.m
        self.cell_count = _check_shape(saved["cell_count"], (cells,)).astype(float)
        self.by_cell = _check_shape(saved["by_cell"], (cells, self.n_amounts)).astype(
            float
        )
        self.by_da = _check_shape(
            saved["by_da"], (self._da_size, self.n_amounts)
        ).astype(float)
        self.joint = _check_shape(saved["joint"], (self.n_joint,)).astype(float)
        self.joint_known = _check_shape(saved["joint_known"], (self.n_joint,)).astype(
            float
        )
        self.recent = _check_shape(saved["recent"], (RECENT_DAYS, self.n_joint)).astype(
            np.int32
        )
        self.recent_days = _check_shape(saved["recent_days"], (RECENT_DAYS,))
        self._pairs = _PairCells(
            m,
            parts=[
                _check_shape(saved[f"pairs_{k}"], (cells, *shape))
                for k, shape in enumerate(((m,), (m, m), (m,), (m,), (m, m)))
            ],
        )

    def to_bytes(self) -> bytes:
        """The ballots as codes with the tables that give them meaning, and the
        counts, so that loading reads arrays and counts nothing."""
        arrays: dict[str, np.ndarray] = {
            # Whole numbers kept as floats for fast sums: saved at half the size.
            "cell_count": _counts(self.cell_count),
            "by_cell": _counts(self.by_cell),
            "by_da": _counts(self.by_da),
            "joint": _counts(self.joint),
            "joint_known": _counts(self.joint_known),
            "recent": _counts(self.recent),
            "recent_days": self.recent_days,
            **{f"pairs_{k}": part for k, part in enumerate(self._pairs.parts())},
            "format": np.array([FORMAT]),
            "lines": np.array(self.line_ids),
            "ids": self.ids[: self.n].astype(
                np.min_scalar_type(self.ids[: self.n].max(initial=0))
            ),
            "amount": self.amount[: self.n],
            "total": self.total[: self.n],
            "cell": self.cell[: self.n].astype(np.int32),
            "cell_keys": np.array(list(self._cells), dtype=np.int64),
            "v_cap": self._v_cap,
            "t_cap": np.array([self._t_cap]),
            "totals": np.asarray(self._totals, dtype=float),
            "watermark": np.array(
                [self.watermark.isoformat() if self.watermark else ""]
            ),
        }
        for j in range(self.m):
            arrays[f"amounts_{j}"] = np.asarray(self._amounts[j], dtype=float)
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(
        cls,
        project: BudgetProject,
        districts: Sequence[str],
        age_bands: Sequence[str],
        data: bytes | BinaryIO,
    ) -> BudgetTally | None:
        """A tally saved by `to_bytes` for the same lines, districts and age bands;
        None when it does not fit (the caller then rebuilds from the ballots)."""
        tally = cls(project, districts, age_bands)
        try:
            source = io.BytesIO(data) if isinstance(data, bytes) else data
            saved = np.load(source, allow_pickle=False)
            if int(saved["format"][0]) != FORMAT or (
                saved["lines"].tolist() != tally.line_ids
            ):
                return None
            tally._v_cap = saved["v_cap"].astype(np.int64)
            tally._t_cap = int(saved["t_cap"][0])
            tally._totals = saved["totals"].tolist()
            tally._total_code = {v: k for k, v in enumerate(tally._totals)}
            for j in range(tally.m):
                tally._amounts[j] = saved[f"amounts_{j}"].tolist()
                tally._amount_code[j] = {v: k for k, v in enumerate(tally._amounts[j])}
            keys = saved["cell_keys"]
            tally._cells = {key: k for k, key in enumerate(keys.tolist())}
            tally.n_cells = len(tally._cells)
            tally.cell_da = keys // 2 // DAYS
            tally.cell_day = keys // 2 % DAYS
            tally.cell_synthetic = (keys % 2).astype(bool)
            if tally.cell_da.size and tally.cell_da.max() >= len(
                tally._districts
            ) * len(tally._ages):
                return None
            tally._layout()
            tally.ids = saved["ids"].astype(np.int64)
            tally.amount = saved["amount"]
            tally.total = saved["total"].astype(np.int32)
            tally.cell = saved["cell"].astype(np.int64)
            tally.n = tally.ids.size
            tally.jcode = tally._encode_joint(tally.amount, tally.total)
            if tally.n:
                tally._position = np.full(int(tally.ids.max()) + 1, -1)
                tally._position[tally.ids] = np.arange(tally.n)
            mark = str(saved["watermark"][0])
            tally.watermark = dt.datetime.fromisoformat(mark) if mark else None
            tally._load_counts(saved)
            # Made now, as part of loading, rather than by the first reader.
            for j in tally.spending.tolist():
                tally._share_table(j)
        except (KeyError, ValueError, OSError, IndexError):
            return None
        return tally


def _counts(array: np.ndarray) -> np.ndarray:
    """Counts as the smallest integers that hold them, for saving."""
    return array.astype(np.min_scalar_type(int(array.max(initial=0))))


def _check_shape(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if array.shape != shape:
        raise ValueError(f"saved counts have shape {array.shape}, not {shape}")
    return array


def _add(counts: np.ndarray, index: np.ndarray, sign: int) -> None:
    """counts[index] += sign, for every occurrence of an index: scattered for a
    few ballots, a full count for many (cheaper than touching every entry)."""
    flat = index.reshape(-1)
    if flat.size * 8 < counts.size:
        np.add.at(counts, flat, sign)
    else:
        counts += sign * np.bincount(flat, minlength=counts.size)


def _resized(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    grown = np.zeros(shape, dtype=array.dtype)
    grown[: array.shape[0]] = array
    return grown


class _PairCells:
    """`aggregate.PairSums` per cell, added to and taken from as ballots change."""

    def __init__(
        self, m: int, cells: int = 0, parts: Sequence[np.ndarray] | None = None
    ) -> None:
        self.m = m
        if parts is None:
            shapes = ((m,), (m, m), (m,), (m,), (m, m))
            parts = [np.zeros((cells, *shape)) for shape in shapes]
        self.changed, self.both, self.sums, self.squares, self.products = parts

    def grow(self, cells: int) -> None:
        extra = cells - self.changed.shape[0]
        m = self.m
        self.changed = np.concatenate([self.changed, np.zeros((extra, m))])
        self.both = np.concatenate([self.both, np.zeros((extra, m, m))])
        self.sums = np.concatenate([self.sums, np.zeros((extra, m))])
        self.squares = np.concatenate([self.squares, np.zeros((extra, m))])
        self.products = np.concatenate([self.products, np.zeros((extra, m, m))])

    def add(self, cells: np.ndarray, delta: np.ndarray, sign: int) -> None:
        order = np.argsort(cells, kind="stable")
        cells, delta = cells[order], delta[order]
        bounds = np.flatnonzero(np.diff(cells)) + 1
        starts = np.concatenate([[0], bounds]).tolist()
        stops = np.concatenate([bounds, [cells.size]]).tolist()
        for start, stop in zip(starts, stops, strict=True):
            cell = int(cells[start])
            sums = aggregate.PairSums.of(delta[start:stop])
            self.changed[cell] += sign * sums.changed
            self.both[cell] += sign * sums.both
            self.sums[cell] += sign * sums.sums
            self.squares[cell] += sign * sums.squares
            self.products[cell] += sign * sums.products

    def total(self, keep: np.ndarray) -> aggregate.PairSums:
        chosen = keep.astype(float)
        return aggregate.PairSums(
            *(np.tensordot(chosen, part, axes=1) for part in self.parts())
        )

    def parts(self) -> tuple[np.ndarray, ...]:
        return (self.changed, self.both, self.sums, self.squares, self.products)
