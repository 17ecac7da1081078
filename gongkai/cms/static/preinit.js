/* Gongkai web editor: Decap CMS must wait until gk-init.js has registered our formats and widgets. */
window.CMS_MANUAL_INIT = true;
