"""One module per imitated platform: each plans its threads and renders its pages."""
