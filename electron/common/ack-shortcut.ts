/** The global acknowledge shortcut until the responder picks another (an Electron accelerator). */
export const defaultAckAccelerator = 'CommandOrControl+Shift+A';
