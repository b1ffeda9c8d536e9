"""mobsim: a simulator that teaches joint-mobilization grades."""

__version__ = "0.1.0"
