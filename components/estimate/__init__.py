"""Back-of-envelope estimates: traffic, storage, index memory, feature reads, scoring load, replicas.

    from components.estimate import estimate
    for figure in estimate(diagram).figures:
        print(figure.text)   # "Average QPS ≈ 11,600 QPS = DAU × requests per user per day ÷ ..."
"""

from __future__ import annotations

from components.estimate.compute import IndexFit, estimate, index_fit
from components.estimate.figures import Estimates, Figure, Input

__all__ = ["Estimates", "Figure", "IndexFit", "Input", "estimate", "index_fit"]
