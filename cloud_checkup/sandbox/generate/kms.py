"""Key Management Service: customer master keys and their protection."""

from __future__ import annotations

from ._common import ACCOUNT_ID, Region


def build(r: Region) -> None:
    keys = [f"key-r{r.tag}x{n:05d}" for n in range(r.counts["kms_keys"])]
    listed = [
        {"KeyId": k, "KeyArn": f"acs:kms:{r.name}:{ACCOUNT_ID}:key/{k}"} for k in keys
    ]
    r.put("kms", "ListKeys", {"Keys": {"Key": listed}})
    r.put_each(
        "kms",
        "DescribeKey",
        "KeyId",
        keys,
        lambda k: {
            "KeyMetadata": {
                "KeyId": k,
                "KeyState": "Enabled",
                "Origin": "Aliyun_KMS",
                "KeySpec": "Aliyun_AES_256",
                "AutomaticRotation": r.rng.choice(["Enabled", "Disabled"]),
                "DeletionProtection": r.rng.choice(["Enabled", "Disabled"]),
            }
        },
    )
