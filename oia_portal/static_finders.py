"""Static files taken one by one from packages that ship more than we want."""

import xstatic.pkg.jquery_ui
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class JQueryUIFinder(BaseFinder):
    """Only jquery-ui/jquery-ui.min.js, for the admin's language tabs (modeltranslation).

    The package's CSS themes point at images it does not ship, which stops
    collectstatic's hashed-name pass; the admin needs none of them.
    """

    prefix = "jquery-ui"
    names = ("jquery-ui.min.js",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=xstatic.pkg.jquery_ui.BASE_DIR)
        self.storage.prefix = self.prefix

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        for name in self.names:
            if path == f"{self.prefix}/{name}":
                found = self.storage.path(name)
                return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        for name in self.names:
            yield name, self.storage
