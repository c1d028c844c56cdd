#ifndef SPOOR_CCURL_SHIM_H
#define SPOOR_CCURL_SHIM_H

/* libcurl for Spoor's fetcher. curl_easy_setopt, curl_easy_getinfo and
curl_multi_setopt are variadic, which Swift cannot call: each option type
gets a typed static inline wrapper here. Callbacks are plain C function
pointers; Swift passes its context through the matching *DATA pointer. */

#include <curl/curl.h>

/* ---- curl_easy_setopt, one wrapper per argument type ---- */

/// curl_easy_setopt for a long option (timeouts, flags, limits).
static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for a curl_off_t option (the *_LARGE options).
static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for a string option; libcurl copies the string.
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for a data pointer option (WRITEDATA, PRIVATE, OPENSOCKETDATA...).
static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for a header list (CURLOPT_HTTPHEADER); the list must outlive the transfer.
static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
static inline CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for CURLOPT_OPENSOCKETFUNCTION.
static inline CURLcode ccurl_easy_setopt_opensocket_function(CURL *handle, curl_opensocket_callback value) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, value);
}

/// curl_easy_setopt for CURLOPT_XFERINFOFUNCTION.
static inline CURLcode ccurl_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

/* ---- curl_easy_getinfo, one wrapper per result type ---- */

/// curl_easy_getinfo for a long item (CURLINFO_RESPONSE_CODE, CURLINFO_REDIRECT_COUNT...).
static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// curl_easy_getinfo for a double item.
static inline CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// curl_easy_getinfo for a curl_off_t item (the *_TIME_T timings, in microseconds).
static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// curl_easy_getinfo for a string item (CURLINFO_EFFECTIVE_URL, CURLINFO_PRIMARY_IP...).
/// The string belongs to the handle; copy it before the handle changes.
static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &result);
    *value = result;
    return code;
}

/// curl_easy_getinfo for CURLINFO_PRIVATE.
static inline CURLcode ccurl_easy_getinfo_private(CURL *handle, void **value) {
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, CURLINFO_PRIVATE, &result);
    *value = (void *)result;
    return code;
}

/* ---- curl_multi_setopt ---- */

/// curl_multi_setopt for a long option (CURLMOPT_MAX_HOST_CONNECTIONS, CURLMOPT_PIPELINING...).
static inline CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/* ---- macros Swift does not import ---- */

/// CURL_GLOBAL_ALL.
static inline long ccurl_global_all(void) {
    return CURL_GLOBAL_ALL;
}

/// CURL_SOCKET_BAD.
static inline curl_socket_t ccurl_socket_bad(void) {
    return CURL_SOCKET_BAD;
}

/// CURL_WRITEFUNC_PAUSE: what a write callback returns to pause the transfer; libcurl keeps
/// the data of that call and delivers it again once the transfer is unpaused.
static inline size_t ccurl_writefunc_pause(void) {
    return CURL_WRITEFUNC_PAUSE;
}

/// curl_easy_pause(handle, CURLPAUSE_CONT): unpauses both directions. libcurl may call the
/// write callback from within this call to deliver the data it kept.
static inline CURLcode ccurl_easy_unpause(CURL *handle) {
    return curl_easy_pause(handle, CURLPAUSE_CONT);
}

/// The CURLcode of a finished transfer in a CURLMSG_DONE message (a union member).
static inline CURLcode ccurl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif /* SPOOR_CCURL_SHIM_H */
