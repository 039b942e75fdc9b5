<?php
$conn = ldap_connect('ldap://directory.corp');
ldap_bind($conn);
$term = ldap_escape($_GET['q'] ?? '', '', LDAP_ESCAPE_FILTER);
$filter = '(|(cn=*' . $term . '*)(telephoneNumber=*' . $term . '*))';
$result = ldap_list($conn, 'ou=staff,dc=corp', $filter, ['cn', 'telephonenumber']);
echo json_encode(ldap_get_entries($conn, $result));
