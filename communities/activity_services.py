"""Writes for the activity log: create, update, submit, publish, return, and photo intake.

Every function is keyword-only, runs in one transaction, checks the acting user's rights
again (a view is not the only caller) and calls ``full_clean()`` before saving.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import meetings_for_user, plan_actions_for_user, project_communities
from communities.location import (
    NO_LOCATION,
    Location,
    forget_locations_of_sensitive_work,
    plan_action_is_sensitive,
    refuse_location_if_sensitive,
)
from communities.models import Activity, ActivityPhoto, ActivityStatus, PhotoStatus
from core.i18n import content_languages
from core.jobs import job_start
from core.uploads import CleanImageFile, image_check, image_clean
from projects.access import can_review_project, can_write_project
from projects.models import Project

CONTENT_LANGUAGES: tuple[str, ...] = content_languages()


@dataclass(frozen=True)
class PreparedPhoto:
    """A verified, re-encoded upload: JPEG bytes with no metadata, and its thumbnail."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int


@dataclass(frozen=True)
class CheckedPhoto:
    """An upload that passed the cheap checks (size, format, header, Pillow's verify()) but
    is not decoded yet: the photo job re-encodes it after the request (photo_process)."""

    upload: Any


def _check_size(upload: Any) -> None:
    name = getattr(upload, "name", "") or _("the file")
    size = getattr(upload, "size", None) or 0
    if size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a photo may be at most %(limit)s."),
            code="photo_too_large",
            params={
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.PHOTO_MAX_BYTES),
            },
        )


def photo_check(*, upload: Any) -> CheckedPhoto:
    """What the request does with a photo: the checks that cost no decoding, so the
    uploader still learns at once that a file is not a photo or is too big. Raises
    ValidationError with the same messages as photo_prepare."""
    _check_size(upload)
    image_check(upload)
    return CheckedPhoto(upload=upload)


def photo_prepare(*, upload: Any) -> PreparedPhoto:
    """Check that ``upload`` is a real photo within the limits and re-encode it.

    The pixel count is read from the header before anything is decoded (core.uploads).
    Raises ValidationError with a message the uploader can act on."""
    _check_size(upload)
    cleaned = image_clean(upload)
    assert cleaned.thumbnail is not None
    return PreparedPhoto(
        image=cleaned.data, thumbnail=cleaned.thumbnail, width=cleaned.width, height=cleaned.height
    )


def _check_photo_count(activity: Activity | None, new: int) -> None:
    existing = activity.photos.count() if activity is not None and activity.pk else 0
    if existing + new > settings.PHOTO_MAX_COUNT:
        raise ValidationError(
            {
                "photos": _("An activity may have at most %(limit)d photos; it has %(count)d.")
                % {"limit": settings.PHOTO_MAX_COUNT, "count": existing}
            }
        )


def _store_photos(
    activity: Activity, photos: Sequence[PreparedPhoto | CheckedPhoto], *, user: Any
) -> None:
    """Store ready photos as they are, and checked ones as originals marked "processing"
    whose job starts once the activity is committed."""
    start = activity.photos.count()
    written: list[tuple[Any, str | None]] = []
    try:
        for offset, prepared in enumerate(photos):
            photo = ActivityPhoto(activity=activity, position=start + offset)
            # The file names given here are ignored: upload_to generates random ones.
            if isinstance(prepared, CheckedPhoto):
                photo.status = PhotoStatus.PROCESSING
                prepared.upload.seek(0)
                photo.original.save("original", prepared.upload, save=False)
                written.append((photo.original.storage, photo.original.name))
            else:
                photo.image.save("photo.jpg", CleanImageFile(prepared.image), save=False)
                written.append((photo.image.storage, photo.image.name))
                photo.thumbnail.save("thumb.jpg", CleanImageFile(prepared.thumbnail), save=False)
                written.append((photo.thumbnail.storage, photo.thumbnail.name))
            photo.full_clean()
            photo.save()
            if photo.status == PhotoStatus.PROCESSING:
                _queue_photo(photo, user=user)
    except Exception:
        # The transaction rolls the rows back; take the files written so far with them, so
        # a full disk leaves neither orphans nor rows pointing at missing files.
        for storage, name in written:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise


def _queue_photo(photo: ActivityPhoto, *, user: Any) -> None:
    if settings.PHOTOS_IN_BACKGROUND:
        job_start(kind=PHOTO_JOB_KIND, params={"photo_id": photo.pk}, created_by=user)
    else:
        # Processed inside this request's transaction: a failure refuses the whole save.
        photo_process(photo_id=photo.pk)


PHOTO_JOB_KIND = "photo_process"


@transaction.atomic
def photo_process(*, photo_id: int) -> ActivityPhoto | None:
    """Turn a processing photo's original into the clean JPEG and thumbnail the pages show,
    mark it ready and delete the original (GPS, camera data).

    Safe to run again: a ready or failed photo, or one deleted meanwhile, is left alone; a
    run that died half-way left the row processing with its original, so it starts over.
    Raises ValidationError when the original cannot be decoded."""
    photo = ActivityPhoto.objects.select_for_update().filter(pk=photo_id).first()
    if photo is None or photo.status != PhotoStatus.PROCESSING:
        return photo
    original_name = photo.original.name
    storage = photo.original.storage
    with photo.original.open("rb") as source:
        cleaned = image_clean(source)
    assert cleaned.thumbnail is not None
    written: list[str | None] = []
    try:
        photo.image.save("photo.jpg", CleanImageFile(cleaned.data), save=False)
        written.append(photo.image.name)
        photo.thumbnail.save("thumb.jpg", CleanImageFile(cleaned.thumbnail), save=False)
        written.append(photo.thumbnail.name)
        photo.status = PhotoStatus.READY
        photo.original = ""
        photo.full_clean()
        photo.save()
    except Exception:
        for name in written:
            if name:
                _delete_quietly(storage, name)
        raise
    # Only once the ready row is committed: a rollback must still find its original.
    if original_name:
        transaction.on_commit(lambda: _delete_quietly(storage, original_name), robust=True)
    return photo


@transaction.atomic
def photo_fail(*, photo_id: int) -> None:
    """The job gave up: the photo is marked failed (staff see it; public pages never list
    it) and its original is deleted, so no file with GPS data stays behind."""
    photo = ActivityPhoto.objects.select_for_update().filter(pk=photo_id).first()
    if photo is None or photo.status != PhotoStatus.PROCESSING:
        return
    original_name = photo.original.name
    storage = photo.original.storage
    photo.status = PhotoStatus.FAILED
    photo.original = ""
    photo.save(update_fields=["status", "original"])
    if original_name:
        transaction.on_commit(lambda: _delete_quietly(storage, original_name), robust=True)


def _delete_quietly(storage: Any, name: str | None) -> None:
    with contextlib.suppress(OSError):
        storage.delete(name)


def _apply_texts(
    activity: Activity, titles: Mapping[str, str], descriptions: Mapping[str, str]
) -> None:
    for code in CONTENT_LANGUAGES:
        setattr(activity, f"title_{code}", (titles.get(code) or "").strip())
        setattr(activity, f"description_{code}", (descriptions.get(code) or "").strip())
    if not any(getattr(activity, f"title_{code}") for code in CONTENT_LANGUAGES):
        raise ValidationError({"title": _("Give the activity a title in at least one language.")})


def _check_links(
    *, user: Any, project: Project, communities: Iterable[Any], plan_action: Any, meeting: Any
) -> list[Any]:
    chosen = list(communities)
    allowed = set(project_communities(project.pk).values_list("pk", flat=True))
    if any(community.pk not in allowed for community in chosen):
        raise ValidationError({"communities": _("Choose only communities this project works in.")})
    if (
        plan_action is not None
        and not plan_actions_for_user(user, write=True).filter(pk=plan_action.pk).exists()
    ):
        raise ValidationError({"plan_action": _("Choose a plan action you work on.")})
    if (
        meeting is not None
        and not meetings_for_user(user, write=True).filter(pk=meeting.pk).exists()
    ):
        raise ValidationError({"meeting": _("Choose a meeting of a working group you work with.")})
    return chosen


def activity_find_sent(*, author: Any, client_key: uuid.UUID) -> Activity | None:
    """The activity an earlier attempt of the same outbox item made, if any.

    A key is the author's own: someone else's key is refused, never answered with their
    activity."""
    existing = Activity.objects.filter(client_key=client_key).first()
    if existing is not None and existing.author_id != getattr(author, "pk", None):
        raise PermissionDenied
    return existing


@transaction.atomic
def activity_create(
    *,
    author: Any,
    project: Project,
    date: dt.date,
    kind: str,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    women: int = 0,
    men: int = 0,
    youth: int = 0,
    communities: Iterable[Any] = (),
    plan_action: Any = None,
    meeting: Any = None,
    photos: Sequence[PreparedPhoto | CheckedPhoto] = (),
    submit: bool = False,
    client_key: uuid.UUID | None = None,
    location: Location | None = None,
) -> Activity:
    """Make an activity. ``client_key`` is the outbox key the phone made: sending the same
    report again returns the activity it already made (see activity_find_sent)."""
    if client_key is not None:
        existing = activity_find_sent(author=author, client_key=client_key)
        if existing is not None:
            return existing
    if not can_write_project(author, project):
        raise PermissionDenied
    chosen = _check_links(
        user=author,
        project=project,
        communities=communities,
        plan_action=plan_action,
        meeting=meeting,
    )
    _check_photo_count(None, len(photos))
    activity = Activity(
        project=project,
        date=date,
        kind=kind,
        women=women,
        men=men,
        youth=youth,
        plan_action=plan_action,
        meeting=meeting,
        author=author,
        status=ActivityStatus.DRAFT,
        client_key=client_key,
    )
    location = location or NO_LOCATION
    refuse_location_if_sensitive(location, sensitive=plan_action_is_sensitive(plan_action))
    location.apply_to(activity)
    _apply_texts(activity, titles, descriptions or {})
    if submit:
        activity.status = ActivityStatus.SUBMITTED
        activity.submitted_at = timezone.now()
    # The plain `title` reads the active language with fallbacks and may be empty for a
    # title written only in Kyrgyz or Tajik; _apply_texts already required one title.
    activity.full_clean(exclude=["title"])
    activity.save()
    activity.communities.set(chosen)
    _store_photos(activity, photos, user=author)
    if plan_action is not None:
        # The meeting it links may carry a location from before.
        forget_locations_of_sensitive_work(plan_action)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    user: Any,
    project: Project,
    date: dt.date,
    kind: str,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    women: int = 0,
    men: int = 0,
    youth: int = 0,
    communities: Iterable[Any] = (),
    plan_action: Any = None,
    meeting: Any = None,
    photos: Sequence[PreparedPhoto | CheckedPhoto] = (),
    remove_photo_ids: Iterable[int] = (),
    submit: bool = False,
    location: Location | None = None,
) -> Activity:
    """``location`` None keeps the activity's location as it is."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not can_write_project(user, activity.project) or not can_write_project(user, project):
        raise PermissionDenied
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.RETURNED):
        raise ValidationError(
            _("This activity was submitted for review; it can be changed once it is returned.")
        )
    chosen = _check_links(
        user=user,
        project=project,
        communities=communities,
        plan_action=plan_action,
        meeting=meeting,
    )
    removed = list(activity.photos.filter(pk__in=list(remove_photo_ids)))
    for photo in removed:
        if photo.original:
            # A photo removed before its job ran: its original (GPS data) goes too.
            transaction.on_commit(
                functools.partial(_delete_quietly, photo.original.storage, photo.original.name),
                robust=True,
            )
        photo.delete()
    _check_photo_count(activity, len(photos))
    activity.project = project
    activity.date = date
    activity.kind = kind
    activity.women = women
    activity.men = men
    activity.youth = youth
    activity.plan_action = plan_action
    activity.meeting = meeting
    if location is not None:
        refuse_location_if_sensitive(location, sensitive=plan_action_is_sensitive(plan_action))
        location.apply_to(activity)
    elif activity.location_precision and plan_action_is_sensitive(plan_action):
        NO_LOCATION.apply_to(activity)
    _apply_texts(activity, titles, descriptions or {})
    if submit:
        activity.status = ActivityStatus.SUBMITTED
        activity.submitted_at = timezone.now()
    # The plain `title` reads the active language with fallbacks and may be empty for a
    # title written only in Kyrgyz or Tajik; _apply_texts already required one title.
    activity.full_clean(exclude=["title"])
    activity.save()
    activity.communities.set(chosen)
    _store_photos(activity, photos, user=user)
    if plan_action is not None:
        forget_locations_of_sensitive_work(plan_action)
    return activity


@transaction.atomic
def activity_submit(*, activity: Activity, user: Any) -> Activity:
    activity = Activity.objects.select_for_update().select_related("project").get(pk=activity.pk)
    if not can_write_project(user, activity.project):
        raise PermissionDenied
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.RETURNED):
        raise ValidationError(_("Only a draft or a returned activity can be submitted."))
    activity.status = ActivityStatus.SUBMITTED
    activity.submitted_at = timezone.now()
    activity.full_clean(exclude=["title"])
    activity.save()
    return activity


@transaction.atomic
def activity_publish(*, activity: Activity, reviewer: Any) -> Activity:
    activity = Activity.objects.select_for_update().select_related("project").get(pk=activity.pk)
    if not can_review_project(reviewer, activity.project):
        raise PermissionDenied
    if activity.status == ActivityStatus.PUBLISHED:
        raise ValidationError(_("This activity is already published."))
    if activity.status != ActivityStatus.SUBMITTED:
        # A reviewer publishes what its author sent for review, never a draft the author
        # is still writing (or one returned for changes).
        raise ValidationError(_("Only an activity submitted for review can be published."))
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.reviewed_by = reviewer
    activity.review_comment = ""
    activity.full_clean(exclude=["title"])
    activity.save()
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, reviewer: Any, comment: str) -> Activity:
    activity = Activity.objects.select_for_update().select_related("project").get(pk=activity.pk)
    if not can_review_project(reviewer, activity.project):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs changing, so the author can fix it.")})
    if activity.status not in (ActivityStatus.SUBMITTED, ActivityStatus.PUBLISHED):
        raise ValidationError(_("Only a submitted or published activity can be returned."))
    activity.status = ActivityStatus.RETURNED
    activity.review_comment = comment
    activity.reviewed_by = reviewer
    activity.published_at = None
    activity.full_clean(exclude=["title"])
    activity.save()
    return activity
