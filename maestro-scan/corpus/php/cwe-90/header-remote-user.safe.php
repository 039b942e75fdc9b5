<?php
$remote = ldap_escape($_SERVER['HTTP_X_REMOTE_USER'] ?? '', '', LDAP_ESCAPE_FILTER);
$conn = ldap_connect('ldap://sso-directory');
ldap_bind($conn);
$res = ldap_search($conn, 'dc=sso,dc=local', "(&(objectClass=inetOrgPerson)(uid={$remote}))", ['memberOf']);
$entries = ldap_get_entries($conn, $res);
echo json_encode(['groups' => $entries[0]['memberof'] ?? []]);
