// OAuth protocol errors, the client registry, security profiles and the resource-server guard. (G3)
export {};
