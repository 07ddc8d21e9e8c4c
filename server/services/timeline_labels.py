"""Titles of the timeline entries that volunteering and jobs add (Chinese, English)."""

from __future__ import annotations

CARE_TASK_LABELS = {
    "COMPANY_VISIT": ("陪伴探访", "company visit"),
    "ERRAND": ("代办跑腿", "errand"),
    "DAILY_CARE": ("生活照料", "daily care"),
    "HEALTH_CHECK": ("健康随访", "health check"),
    "TUTORING": ("课业辅导", "tutoring"),
    "ELDERLY_CARE": ("助老服务", "elderly care"),
    "LEGAL_HELP": ("法律咨询", "legal help"),
}


JOB_STATUS_LABELS = {
    "CONSENTED": ("同意推荐", "consented to the proposal"),
    "HIRED": ("已录用", "hired"),
    "LEFT": ("已离职", "left the job"),
    "DECLINED": ("未成", "declined"),
}
