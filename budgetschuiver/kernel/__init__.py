"""What every participation kind and the dashboard stand on."""
