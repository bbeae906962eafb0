-- CoAP devices prove who they are with a DTLS pre-shared key, which the hub must hold to run the handshake
-- (unlike an MQTT secret, of which it keeps only a hash).
alter table device_credential add column psk varchar(128);
