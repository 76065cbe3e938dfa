// The portal's own script. Loaded from 'self' only (CSP script-src 'self').
window.adminPortal = {
    markInteractive: function () {
        document.body.dataset.interactive = 'true';
    },
    copyText: function (text) {
        return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
    }
};
