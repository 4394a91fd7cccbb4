# Routes of the events app that are not served by a page.
urlpatterns = []
