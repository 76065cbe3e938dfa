// The portal's own script. Loaded from 'self' only (CSP script-src 'self').
window.adminPortal = {
    markInteractive: function () {
        document.body.dataset.interactive = 'true';
    },
    // A full page load (RedirectToSignIn), as NavigationManager's forceLoad does it.
    leaveTo: function (url) {
        location.assign(url);
    },
    copyText: function (text) {
        return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
    },
    // The theme chosen in the user menu (system, light or dark), remembered in this browser. The page's <html> carries
    // data-theme="light|dark" so the plain account pages (no circuit) follow it too.
    theme: {
        key: 'adminPortal.theme',
        stored: function () {
            try {
                var mode = localStorage.getItem(this.key);
                return mode === 'light' || mode === 'dark' ? mode : 'system';
            } catch (e) {
                return 'system';
            }
        },
        systemDark: function () {
            return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
        },
        apply: function (mode, dark) {
            try {
                if (mode === 'light' || mode === 'dark') {
                    localStorage.setItem(this.key, mode);
                } else {
                    localStorage.removeItem(this.key);
                }
            } catch (e) { /* storage refused: the choice lasts for this page only */ }
            document.documentElement.dataset.theme = dark ? 'dark' : 'light';
            document.documentElement.dataset.themeMode = mode;
        },
        init: function () {
            var mode = this.stored();
            var dark = mode === 'dark' || (mode === 'system' && this.systemDark());
            document.documentElement.dataset.theme = dark ? 'dark' : 'light';
            document.documentElement.dataset.themeMode = mode;
        }
    }
};
window.adminPortal.theme.init();
