"""AI workloads: PAI notebooks (DSW), inference services (EAS) and training (DLC)."""

from __future__ import annotations

from ._common import Region


def build(r: Region) -> None:
    _notebooks(r)
    _inference_services(r)
    _training_jobs(r)


def _notebooks(r: Region) -> None:
    rng = r.rng
    notebooks = [
        {
            "InstanceId": r.ident("dsw", n),
            "InstanceName": f"notebook-{n}",
            "WorkspaceId": "86120",
            "Status": "Running",
            "Accessibility": rng.choice(["PRIVATE", "PUBLIC"]),
            "AcceleratorType": "GPU",
            "EcsSpec": "ecs.gn7i-c8g1.2xlarge",
            "PaymentType": "PayAsYouGo",
        }
        for n in range(r.counts["dsw"])
    ]
    r.put("pai-dsw", "ListInstances", {"Instances": notebooks})


def _inference_services(r: Region) -> None:
    names = [f"svc_r{r.tag}x{n:05d}" for n in range(r.counts["eas"])]
    services = [
        {
            "ServiceName": s,
            "ServiceId": f"eas-m-{s}",
            "Region": r.name,
            "Status": "Running",
            "TotalInstance": r.rng.randint(1, 3),
            "RunningInstance": 1,
            "SafetyLock": r.rng.choice(["dangerous", "none", "all"]),
        }
        for s in names
    ]
    r.put("eas", "ListServices", {"Services": services})
    r.put_each(
        "eas",
        "DescribeService",
        "ServiceName",
        names,
        lambda s: {
            "ServiceName": s,
            "Region": r.name,
            "Status": "Running",
            "AccessToken": "",
            "InternetEndpoint": "",
            "IntranetEndpoint": f"http://{s}.vpc",
        },
    )


def _training_jobs(r: Region) -> None:
    jobs = [
        {
            "JobId": r.ident("dlc", n),
            "DisplayName": f"train-{n}",
            "Status": "Succeeded",
            "WorkspaceId": "86120",
            "JobType": "PyTorchJob",
        }
        for n in range(r.counts["dlc_jobs"])
    ]
    r.put("pai-dlc", "ListJobs", {"Jobs": jobs})
