"""Processing of the generated OpenAPI description."""


def only_public_api(endpoints):
    """The public API only (Wagtail's admin API is also built on DRF)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def add_links(result, generator, request, public):
    """Declare the link from a listed organisation to its detail (Schemathesis follows it)."""
    detail = result["paths"].get("/api/v1/organisations/{slug}/", {}).get("get")
    listing = result["paths"].get("/api/v1/organisations/", {}).get("get")
    if detail and listing:
        listing["responses"]["200"]["links"] = {
            "UneOrganisation": {
                "operationId": detail["operationId"],
                "parameters": {"slug": "$response.body#/results/0/slug"},
                "description": "La première organisation de la page, en détail.",
            }
        }
    return result
