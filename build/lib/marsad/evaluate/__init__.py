"""Scorers used by benchmarks and ``marsad evaluate``: ROUGE with Arabic tokenisation,
summary evaluation, B-cubed. Submodules are imported on use, so this package stays light."""
