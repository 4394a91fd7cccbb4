"""/alertes/: subscribe (double opt-in), confirm, see or delete, one-click unsubscribe."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from directory.finder.ratelimit import RateLimit
from ess_site.http_cache import mark_private
from ess_site.public_url import absolute_url

from .digest import send
from .forms import SubscriptionForm
from .models import Subscription

SUBSCRIBE_LIMIT = RateLimit("alerts", max_requests=5, window_seconds=3600)


def _retention():
    return {"unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS, "inactive_months": settings.ALERTS_INACTIVE_MONTHS}


def subscribe(request):
    form = SubscriptionForm(request.POST or None)
    context = {"form": form, **_retention()}
    if request.method != "POST":
        return render(request, "alerts/subscribe.html", context)
    if not SUBSCRIBE_LIMIT.allow(request):
        context["rate_limited"] = True
        return render(request, "alerts/subscribe.html", context, status=429)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    data = form.cleaned_data
    subscription = Subscription.objects.create(
        email=data["email"],
        events=data["events"],
        event_organiser=data["event_organiser"] if data["events"] else None,
        event_type=data["event_type"] if data["events"] else "",
        structures=data["structures"],
        arrondissements=data["arrondissements"] if data["structures"] else [],
    )
    if data["structures"]:
        subscription.sectors.set(data["sectors"])
    send(
        subscription,
        "confirm",
        "Confirmez votre abonnement aux alertes de l'ESS à Marseille",
        {"confirm_url": absolute_url(f"/alertes/confirmer/{subscription.token}/"), **_retention()},
    )
    context["sent"] = True
    return render(request, "alerts/subscribe.html", context)


def _subscription(token):
    subscription = Subscription.objects.filter(token=token).prefetch_related("sectors").first()
    if subscription is None:
        raise Http404("Abonnement introuvable")
    return subscription


def confirm(request, token):
    """GET: a button (mail scanners open links; they do not press buttons); POST: confirmed."""
    mark_private(request)
    subscription = _subscription(token)
    if request.method == "POST" and not subscription.confirmed:
        now = timezone.now()
        Subscription.objects.filter(pk=subscription.pk).update(
            confirmed_at=now, last_digest_at=now, last_activity_at=now
        )
        subscription.confirmed_at = now
    return render(
        request, "alerts/confirm.html", {"subscription": subscription, "just_confirmed": request.method == "POST"}
    )


def manage(request, token):
    mark_private(request)
    subscription = _subscription(token)
    if request.method == "POST" and request.POST.get("action") == "supprimer":
        subscription.delete()
        return render(request, "alerts/deleted.html", {})
    Subscription.objects.filter(pk=subscription.pk).update(last_activity_at=timezone.now())
    return render(request, "alerts/manage.html", {"subscription": subscription, **_retention()})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" from outside the site
def unsubscribe(request, token):
    mark_private(request)
    if request.method == "POST":
        Subscription.objects.filter(token=token).delete()
        return render(request, "alerts/deleted.html", {})
    return render(request, "alerts/unsubscribe.html", {"subscription": _subscription(token)})
