"""reviewer_app: an offline workstation for safe-policing certification reviews."""

__version__ = "0.1.0"
