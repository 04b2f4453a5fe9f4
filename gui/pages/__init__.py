"""The pages of the main window. The registry (which pages, in which order, for whom) is
``gui.pages.registry``; every page derives from ``gui.pages.base.Page``."""
