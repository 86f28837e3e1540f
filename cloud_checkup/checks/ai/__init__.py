"""AI security: PAI notebooks and inference services, GPU compute exposure."""
