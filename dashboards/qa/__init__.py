"""The live Q&A on the dashboard: the host console, the big screen and the
hosts' API."""
