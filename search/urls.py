# Routes of the search app that are not served by a page.
urlpatterns = []
