"""Identity and access security: RAM users, AccessKeys, MFA, password policy."""
