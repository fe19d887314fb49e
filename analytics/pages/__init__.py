"""One module per page of the dashboard: its views (ChartSpecs: figure, rows, headline), its figures and its
key figures, used by the page's screen and by decks and workbooks alike. app_pages.PAGES names each page's
module and view (PageSpec.core); pages whose core lives elsewhere say so there."""
