"""Infrastructure security: network exposure, data protection and audit logging."""
