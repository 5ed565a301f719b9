-- sealpost relay, schema 2. Pushes travel sealed to the pseudonym (sealpost-push-v1): the relay
-- holds no plaintext of them. Plaintext pushes a schema-1 relay still held cannot be delivered under
-- the new protocol and are dropped here; their partners push again.
DELETE FROM pushes WHERE body NOT LIKE '{"version":"sealpost-push-v1",%';
