# Routes of the directory app that are not served by a page.
urlpatterns = []
