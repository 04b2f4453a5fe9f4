"""The 设置 page's tabs, each a page of its own, and the registry that declares them once.

``registry.SETTINGS_TABS`` lists each tab with its title, the permission that shows it and the modes
(township, county) it belongs to; ``gui.pages.settings_page.SettingsPage`` builds what the user may
see from it. The tab modules here use services only through their public names and never import
the settings page (so the page can import them without a circle).
"""
