"""Processing of the generated OpenAPI description."""


def only_public_api(endpoints):
    """The public API only (Wagtail's admin API is also built on DRF)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


HEADERS = {
    "200": {
        "ETag": ("Empreinte de la réponse, à renvoyer dans If-None-Match.", True),
        "Cache-Control": ("Durée pendant laquelle la réponse peut être gardée.", True),
        "Last-Modified": ("Date de la dernière modification des données renvoyées.", False),
    },
    "304": {"ETag": ("Empreinte de la réponse.", True)},
    "429": {"Retry-After": ("Secondes à attendre avant de réessayer.", True)},
}
HEADER_SCHEMAS = {"Retry-After": {"type": "integer", "minimum": 0}}


def add_headers(result, generator, request, public):
    """The cache validators and Retry-After, on every operation's answers."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for status, headers in HEADERS.items():
                response = operation["responses"].get(status)
                if response is None:
                    continue
                response["headers"] = {
                    name: {
                        "description": description,
                        "required": required,
                        "schema": HEADER_SCHEMAS.get(name, {"type": "string"}),
                    }
                    for name, (description, required) in headers.items()
                }
    return result


def allow_empty_values(result, generator, request, public):
    """An empty query parameter counts as absent (as in the site's own forms): say so."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


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
