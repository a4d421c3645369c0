"""Live question hours (vragenuur): residents ask and upvote, hosts answer."""
