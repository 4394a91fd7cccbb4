from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HomeConfig(AppConfig):
    default = True  # the module holds another AppConfig (Wagtail's users, below)
    name = "home"
    verbose_name = "Pages éditoriales"


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users admin, with the role picker that describes each role (home/roles.py)."""

    user_viewset = "home.roles.UserViewSet"
