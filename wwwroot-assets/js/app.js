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
    }
};
