"""policytrack: a tracker of Chinese policy documents on the data-annotation industry (数据标注产业)."""

__version__ = "0.1.0"
