<?php
session_start();
require __DIR__ . '/auth.php';

if (authenticate($_POST['user'] ?? '', $_POST['pass'] ?? '')) {
    $next = $_GET['next'] ?? '/dashboard';
    if (!str_starts_with($next, '/') || str_starts_with($next, '//')) {
        $next = '/dashboard';
    }
    header('Location: ' . $next);
    exit;
}
header('Location: /login?failed=1');
