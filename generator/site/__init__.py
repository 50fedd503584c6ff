"""The published site: the MkDocs plugin (generated pages, SEO) and the site commands' library."""
