"""The visual explorer: interactive vis-network pages of subgraphs (see explorer.py)."""
