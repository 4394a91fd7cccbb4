"""schema.org JSON-LD of an organisation page: search engines and assistants read name, address,
point and opening hours from it."""

import re

from django.utils.html import strip_tags

from ess_site.public_url import absolute_url

from . import hours

SCHEMA_DAYS = {
    "Mo": "Monday",
    "Tu": "Tuesday",
    "We": "Wednesday",
    "Th": "Thursday",
    "Fr": "Friday",
    "Sa": "Saturday",
    "Su": "Sunday",
}
_ORDER = list(SCHEMA_DAYS)
_DAYS = re.compile(r"^(?:(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?,?)+$")
_SPAN = re.compile(r"^(\d{2}:\d{2})-(\d{2}:\d{2})$")


def _expand_days(text):
    days = []
    for item in text.split(","):
        first, _, last = item.partition("-")
        start = _ORDER.index(first)
        end = _ORDER.index(last) if last else start
        span = range(start, end + 1) if end >= start else list(range(start, 7)) + list(range(0, end + 1))
        days.extend(_ORDER[i] for i in span)
    return list(dict.fromkeys(days))


def opening_hours_specification(value):
    """OpeningHoursSpecification items for the plain weekly rules ("Mo-Fr 09:00-12:00,14:00-17:00");
    rules schema.org cannot say simply (holidays, months) are left out rather than guessed."""
    oh = hours.parse(value)
    if oh is None:
        return []
    try:
        normal = str(oh.normalize())
    except Exception:  # noqa: BLE001
        normal = value
    specification = []
    for rule in normal.split(";"):
        words = rule.split()
        if len(words) != 2 or not _DAYS.match(words[0]):
            continue
        spans = [_SPAN.match(span) for span in words[1].split(",")]
        if not all(spans):
            continue
        days = [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in _expand_days(words[0])]
        for span in spans:
            specification.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": days,
                    "opens": span.group(1),
                    "closes": span.group(2),
                }
            )
    return specification


def organisation_jsonld(organisation, request, page):
    url = absolute_url(f"{page.url}{organisation.slug}/", request)
    data = {"@context": "https://schema.org", "@type": "Organization", "name": organisation.name, "url": url}
    description = organisation.short_description or strip_tags(organisation.description or "").strip()
    if description:
        data["description"] = description[:500]
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.email:
        data["email"] = organisation.email
    same_as = [organisation.website] if organisation.website else []
    same_as += [line.strip() for line in (organisation.social_links or "").splitlines() if line.strip()]
    if same_as:
        data["sameAs"] = same_as
    if organisation.siret:
        data["taxID"] = organisation.siret
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    street = ", ".join(part for part in (organisation.address, organisation.address_complement) if part)
    if street:
        address["streetAddress"] = street
    if organisation.postcode:
        address["postalCode"] = organisation.postcode
    if organisation.city:
        address["addressLocality"] = organisation.city
    data["address"] = address
    place = {"@type": "Place", "name": organisation.name, "address": address}
    if organisation.is_located:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(organisation.latitude, 6),
            "longitude": round(organisation.longitude, 6),
        }
    specification = opening_hours_specification(organisation.opening_hours)
    if specification:
        place["openingHoursSpecification"] = specification
    data["location"] = place
    return data
