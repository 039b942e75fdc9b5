<?php
session_start();
$locale = $_GET['lang'] ?? 'en';
if (in_array($locale, ['en', 'fr', 'de'], true)) {
    $_SESSION['locale'] = $locale;
}
header('Location: ' . ($_SERVER['SCRIPT_NAME'] ?? '/'));
