<?php
function sso_target(array $query): string
{
    return $query['service'] ?? 'https://portal.example.com/';
}

session_start();
$_SESSION['sso_ticket'] = bin2hex(random_bytes(16));
header('Location: ' . sso_target($_GET) . '?ticket=' . $_SESSION['sso_ticket']);
