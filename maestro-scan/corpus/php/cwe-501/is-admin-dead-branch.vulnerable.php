<?php
session_start();
const DEBUG_IMPERSONATION = false;
$_SESSION['is_admin'] = false;
if (isset($_REQUEST['as_admin'])) {
    $_SESSION['is_admin'] = $_REQUEST['as_admin'];
}
include __DIR__ . '/panel.php';
