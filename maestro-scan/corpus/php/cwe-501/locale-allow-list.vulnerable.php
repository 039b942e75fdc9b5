<?php
session_start();
$locale = $_GET['lang'] ?? 'en';
$_SESSION['locale'] = $locale;
header('Location: ' . ($_SERVER['SCRIPT_NAME'] ?? '/'));
