vcl 4.1;
# ESS Marseille's reverse cache (Varnish 7, Debian's package). tools/cache-proxy/run writes the
# backend from CACHE_PROXY_BACKEND above this file's text; see docs/deploiement.md.
#
# - Anonymous requests: cookies stripped (the CSRF cookie, analytics...), so every visitor shares
#   one cached copy; the app says how long (Cache-Control s-maxage, ess_site/http_cache.py).
# - /admin/, /django-admin/, a logged-in session (or a password-protected page's session) and
#   every method but GET/HEAD go straight to the app, never cached.
# - PURGE from this machine only (Wagtail's frontend cache, ess_site/frontend_cache.py):
#     PURGE /path/          that path and all its query strings (/annuaire/?q=...)
#     PURGE /path/*         everything under /path/ (a section: /agenda/*)
#     PURGE /*              everything
#   Objects are keyed by URL only (one public site), so the Host a purge names does not matter.
import std;

acl purge {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.url == "/__cache_proxy_ready__") {
        # tools/cache-proxy/run's readiness probe: answered here, without touching the app.
        return (synth(200, "Ready"));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purge) {
            return (synth(405, "PURGE not allowed from " + client.ip));
        }
        if (req.url ~ "^/[A-Za-z0-9/_.-]*\*$") {
            # Bans are checked lazily against obj.http.x-url (the background "ban lurker").
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # What bans compare (kept off the visitor's response, see vcl_deliver).
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    # A short grace: a purged page is fetched again; an expired one is served while refreshed.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.x-url;
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
