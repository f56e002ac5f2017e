"""Rows per model of the portal's apps, as JSON: compared before and after a restore."""

import json
import sys

import django


def model_counts():
    from django.apps import apps

    portal_apps = {"core", "partners", "exchanges", "scholars", "events", "auth"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in portal_apps
    }


if __name__ == "__main__":
    django.setup()
    json.dump(model_counts(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
