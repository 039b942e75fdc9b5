<?php
$input = json_decode(file_get_contents('php://input'), true);
$department = $input['department'] ?? 'sales';
$conn = ldap_connect('ldap://ldap.example.org');
ldap_bind($conn);
$res = ldap_search($conn, 'ou=people,dc=example,dc=org', "(departmentNumber={$department})", ['cn']);
echo json_encode(array_column(array_filter(ldap_get_entries($conn, $res), 'is_array'), 'cn'));
