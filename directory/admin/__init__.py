"""The directory's screens in the Wagtail admin (registered by directory/wagtail_hooks.py): the
organisation form, the import tool and the correction requests' listing."""
