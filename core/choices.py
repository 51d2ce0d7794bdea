"""Enumerations shared across apps. Kept free of model imports to avoid import cycles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    TAJIKISTAN = "TJ", _("Tajikistan")


class Currency(models.TextChoices):
    KGS = "KGS", _("Kyrgyz som")
    TJS = "TJS", _("Tajik somoni")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    GBP = "GBP", _("Pound sterling")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
