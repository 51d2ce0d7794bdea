"""The demo's staff accounts: one superuser and a user per staff role, with one password.

The password is documented in the README and printed by ``demo_accounts``; DEMO_PASSWORD
overrides it. Accounts stay in code, not in the demo data files, because their password comes
from the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from projects.models import Organisation, StaffMembership, StaffRole

DEMO_PASSWORD_DEFAULT = "community-security-demo"  # noqa: S105


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD_DEFAULT


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation: str | None
    role: str | None
    description: str
    superuser: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin", None, None, "Superuser: the Django admin and every staff page", superuser=True
    ),
    DemoAccount(
        "reforms-admin",
        "for-reforms-and-results",
        StaffRole.ORG_ADMIN,
        'Organisation administrator, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-manager",
        "for-reforms-and-results",
        StaffRole.PROGRAMME_MANAGER,
        'Programme manager, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-field",
        "for-reforms-and-results",
        StaffRole.FIELD_OFFICER,
        'Field officer, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-viewer",
        "for-reforms-and-results",
        StaffRole.VIEWER,
        'Viewer (read-only), Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "alert-manager",
        "international-alert",
        StaffRole.PROGRAMME_MANAGER,
        "Programme manager, International Alert",
    ),
    DemoAccount(
        "alert-field",
        "international-alert",
        StaffRole.FIELD_OFFICER,
        "Field officer, International Alert",
    ),
    # Grant committee seats (reports/data/demo/grant_committees.json): illustrative people,
    # one per affiliation the Prevention in Action document names. They belong to no
    # organisation's staff; the committee workspace is all they see.
    DemoAccount(
        "committee-government",
        None,
        None,
        "Grant committee member, government (illustrative)",
    ),
    DemoAccount("committee-ngo", None, None, "Grant committee member, NGO (illustrative)"),
    DemoAccount(
        "committee-expert",
        None,
        None,
        "Grant committee member, independent expert (illustrative)",
    ),
)


def _membership_ensure(*, user: User, organisation: Organisation, role: str) -> None:
    """Create or update the membership, writing (and so recording history) only on change."""
    membership = StaffMembership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        membership = StaffMembership(user=user, organisation=organisation, role=role)
    elif membership.role == role:
        return
    membership.role = role
    membership.full_clean()
    membership.save()


def demo_accounts_ensure() -> list[DemoAccount]:
    """Create or refresh the demo users, and their memberships of organisations that exist."""
    user_model = get_user_model()
    orgs = {o.slug: o for o in Organisation.objects.all()}
    password = demo_password()
    for account in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model(username=account.username, email=f"{account.username}@example.org")
        if not user.pk or not user.check_password(password):
            user.set_password(password)
        if account.superuser:
            user.is_staff = True
            user.is_superuser = True
        user.save()
        if account.organisation in orgs and account.role is not None:
            organisation = orgs[account.organisation]
            _membership_ensure(user=user, organisation=organisation, role=account.role)
    return list(DEMO_ACCOUNTS)
