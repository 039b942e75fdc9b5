<?php
$conn = ldap_connect('ldap://ldap.internal');
ldap_bind($conn, 'cn=app,dc=internal', getenv('LDAP_APP_PW'));
$mail = $_COOKIE['remembered_mail'] ?? '';
$entry = ldap_read($conn, 'ou=people,dc=internal', "(mail=$mail)", ['displayName']);
$info = ldap_get_entries($conn, $entry);
echo 'Welcome back, ' . htmlspecialchars($info[0]['displayname'][0] ?? 'guest');
