<?php
$tlds = ['com', 'net', 'org', 'io'];
$domain = $_POST['domain'] ?? '';
$tld = substr(strrchr($domain, '.'), 1);

echo '<pre>';
system('whois ' . $domain);
echo '</pre>';
